/* SPDX-License-Identifier: MIT */
/*
 * pvboot's entry from a multiboot loader (QEMU's -kernel), its segments,
 * and the two interrupt handlers it needs.
 *
 * The timer's handler disables and enables interrupts by calling the
 * native implementations directly, with the registers a C function may
 * clobber saved around each call, as hand-written entry code did before
 * pvpatch: `pvpatch-sites scan` (run by the Makefile) finds those calls,
 * widens each site over its push/pop pairs to 11 bytes that clobber no
 * general register, and the runtime patches cli and sti into them.
 */
#include <pvpatch_asm.h>

#define MULTIBOOT_MAGIC 0x1badb002
#define MULTIBOOT_FLAGS 0
#define CODE_SEL 0x08
#define DATA_SEL 0x10

	.section .multiboot, "a"
	.balign 4
	.long MULTIBOOT_MAGIC, MULTIBOOT_FLAGS, -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

	.text
	.globl _start
_start:
	mov $stack_top, %esp
	push %ebx			/* multiboot information */
	push %eax			/* loader magic */
	/* The loader's segments are undefined: ours, flat. */
	lgdt gdt_descriptor
	ljmp $CODE_SEL, $1f
1:	mov $DATA_SEL, %cx
	mov %cx, %ds
	mov %cx, %es
	mov %cx, %fs
	mov %cx, %gs
	mov %cx, %ss
	call kmain
2:	cli
	hlt
	jmp 2b

	pvpatch_op native_irq_disable
	pvpatch_op native_irq_enable

/* IRQ 0: count the tick, acknowledge it at the PIC.  Interrupts are off
   from the gate to the sti, whose shadow covers no more than the NOP after
   it once patched: a tick then may nest, as the PIC has been answered. */
	.globl timer_interrupt
timer_interrupt:
	push %eax
	push %ecx
	push %edx
	call native_irq_disable
	pop %edx
	pop %ecx
	pop %eax
	push %eax
	incl timer_ticks
	mov $0x20, %al
	out %al, $0x20
	pop %eax
	push %eax
	push %ecx
	push %edx
	call native_irq_enable
	pop %edx
	pop %ecx
	pop %eax
	iret

/* The only page fault expected is write_faults() storing to text: it
   resumes after the store with %eax = 1.  Any other is reported. */
	.globl page_fault
page_fault:
	cmpl $write_store, 4(%esp)	/* the faulting EIP, above the error code */
	jne 1f
	movl $write_done, 4(%esp)
	mov $1, %eax
	add $4, %esp
	iret
1:	mov %cr2, %eax
	push %eax
	push 8(%esp)
	call unexpected_fault

/* int write_faults(volatile uint8_t *p): store *p back into p; whether
   the store faulted. */
	.globl write_faults
write_faults:
	mov 4(%esp), %edx
	xor %eax, %eax
	movb (%edx), %cl
write_store:
	movb %cl, (%edx)
write_done:
	ret

	.data
	.balign 8
gdt:	/* null, then flat 4 GiB ring-0 code and data, accessed bits preset */
	.quad 0, 0x00cf9b000000ffff, 0x00cf93000000ffff
gdt_descriptor:
	.word gdt_descriptor - gdt - 1
	.long gdt

	.bss
	.balign 16
	.skip 16384
stack_top:

	.section .note.GNU-stack, "", @progbits
