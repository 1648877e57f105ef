// SPDX-License-Identifier: MIT
/*
 * Interrupts (IDT, the 8259 PIC, the PIT timer) and paging (an identity
 * map of the first 4 MiB with read-only text), programmed through the
 * ops like everything else.
 */
#include "pvboot.h"

#define PIC1 0x20
#define PIC2 0xa0
#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define IRQ_BASE 32		/* IRQ 0 is vector 32 once the PIC is remapped */
#define PF_VECTOR 14
#define KERNEL_CS 0x08		/* entry.S */

#define PTE_PRESENT 0x1u
#define PTE_WRITE 0x2u
#define CR0_WP 0x00010000u
#define CR0_PG 0x80000000u
#define PAGE_SIZE 4096u

volatile unsigned long timer_ticks;

struct idt_gate {
	uint16_t offset_low, selector;
	uint8_t zero, type;		/* 0x8e: present, ring 0, interrupt gate */
	uint16_t offset_high;
} __attribute__((packed));

static struct idt_gate idt[IRQ_BASE + 1];

static void set_gate(unsigned vector, void (*handler)(void))
{
	uintptr_t offset = (uintptr_t)handler;

	idt[vector] = (struct idt_gate){ offset & 0xffff, KERNEL_CS, 0, 0x8e,
					 offset >> 16 };
}

/* Vectors 32-47 for the PICs' IRQs, all masked but the timer's. */
static void pic_init(void)
{
	pv_ops.outb(0x11, PIC1);	/* ICW1: edge, cascade, ICW4 follows */
	pv_ops.outb(0x11, PIC2);
	pv_ops.outb(IRQ_BASE, PIC1 + 1);	/* ICW2: vector base */
	pv_ops.outb(IRQ_BASE + 8, PIC2 + 1);
	pv_ops.outb(0x04, PIC1 + 1);	/* ICW3: slave on IRQ 2 */
	pv_ops.outb(0x02, PIC2 + 1);
	pv_ops.outb(0x01, PIC1 + 1);	/* ICW4: 8086 mode */
	pv_ops.outb(0x01, PIC2 + 1);
	pv_ops.outb(0xfe, PIC1 + 1);	/* mask all but IRQ 0 */
	pv_ops.outb(0xff, PIC2 + 1);
}

void cpu_init(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	set_gate(PF_VECTOR, page_fault);
	set_gate(IRQ_BASE, timer_interrupt);
	__asm__ volatile("lidt %0" : : "m"(idtr));
	pic_init();
}

/* PIT channel 0 as a 1 kHz rate generator. */
void timer_start(void)
{
	const unsigned divisor = 1193;	/* 1.193182 MHz / 1 kHz */

	pv_ops.outb(0x34, PIT_CMD);
	pv_ops.outb(divisor & 0xff, PIT_CH0);
	pv_ops.outb(divisor >> 8, PIT_CH0);
}

/* IRQ 0 raised at the PIC but not yet taken by the CPU. */
bool timer_irq_pending(void)
{
	pv_ops.outb(0x0a, PIC1);	/* OCW3: next read returns the IRR */
	return pv_ops.inb(PIC1) & 1;
}

static uint32_t page_table[1024] __attribute__((aligned(PAGE_SIZE)));
static uint32_t directories[2][1024] __attribute__((aligned(PAGE_SIZE)));

/* Two page directories with the same map, for cr3 to switch between. */
uintptr_t page_directory(int which)
{
	return (uintptr_t)directories[which];
}

void paging_enable(void)
{
	unsigned long cr0;

	for (unsigned i = 0; i < 1024; i++) {
		uintptr_t page = i * PAGE_SIZE;
		bool text = page >= (uintptr_t)__text_start &&
			    page < (uintptr_t)__text_end;

		page_table[i] = page | PTE_PRESENT | (text ? 0 : PTE_WRITE);
	}
	directories[0][0] = directories[1][0] =
		(uintptr_t)page_table | PTE_PRESENT | PTE_WRITE;
	pv_ops.write_cr3(page_directory(0));
	/* WP: read-only pages are read-only for the kernel too. */
	__asm__ volatile("mov %%cr0, %0; or %1, %0; mov %0, %%cr0"
			 : "=&r"(cr0) : "i"(CR0_PG | CR0_WP) : "memory");
}
