/* SPDX-License-Identifier: MIT */
/*
 * What the .S fixtures of pvpatch.scan share, for either width.
 *
 *   AX CX DX BX SI DI BP   the registers, %rax or %eax...
 *   SAVE_CALLER / RESTORE_CALLER   push and pop every register the C ABI
 *                          lets a call clobber (rax rcx rdx rsi rdi r8-r11;
 *                          eax ecx edx)
 *   NAME_AX ...            the register names a pvpatch_op clobber list
 *                          uses ("rax" or "eax")
 *   ABI_GPRS               the general registers the C ABI lets a call
 *                          clobber, as a mask of REG_* bits
 *   run_begin NAME         unsigned long NAME(unsigned long *value): saves
 *                          what the C ABI says a function keeps, then
 *                          poisons every register
 *   run_end FREED          checks every register not in FREED (a mask of
 *                          REG_* bits) still holds its poison, stores AX
 *                          into *value and returns the mask of registers
 *                          that changed
 *
 * A site goes between run_begin and run_end.
 */
#include <pvpatch_asm.h>

#define REG_AX (1 << 0)
#define REG_CX (1 << 1)
#define REG_DX (1 << 2)
#define REG_BX (1 << 3)
#define REG_BP (1 << 5)
#define REG_SI (1 << 6)
#define REG_DI (1 << 7)

#if defined(__x86_64__)
#define AX %rax
#define CX %rcx
#define DX %rdx
#define BX %rbx
#define SI %rsi
#define DI %rdi
#define BP %rbp
#define SP %rsp
#define WORD 8
#define NAME_AX rax
#define NAME_CX rcx
#define NAME_DX rdx
#define ABI_GPRS (REG_AX | REG_CX | REG_DX | REG_SI | REG_DI | 0xf00)
#define SAVE_CALLER push %rax; push %rcx; push %rdx; push %rsi; push %rdi; \
	push %r8; push %r9; push %r10; push %r11
#define RESTORE_CALLER pop %r11; pop %r10; pop %r9; pop %r8; pop %rdi; \
	pop %rsi; pop %rdx; pop %rcx; pop %rax
#else
#define AX %eax
#define CX %ecx
#define DX %edx
#define BX %ebx
#define SI %esi
#define DI %edi
#define BP %ebp
#define SP %esp
#define WORD 4
#define NAME_AX eax
#define NAME_CX ecx
#define NAME_DX edx
#define ABI_GPRS (REG_AX | REG_CX | REG_DX)
#define SAVE_CALLER push %eax; push %ecx; push %edx
#define RESTORE_CALLER pop %edx; pop %ecx; pop %eax
#endif

/* Poison value of register number n. */
#define POISON(n) (0x5a5a0000 + (n))

.macro poison_one reg, n, freed
	mov $POISON(\n), \reg
.endm

.macro check_one reg, n, freed
	.if !((\freed) & (1 << \n))
	cmp $POISON(\n), \reg
	je 1f
	orl $(1 << \n), (SP)
1:
	.endif
.endm

.macro each_register what, arg
	\what AX, 0, \arg
	\what CX, 1, \arg
	\what DX, 2, \arg
	\what BX, 3, \arg
	\what BP, 5, \arg
	\what SI, 6, \arg
	\what DI, 7, \arg
#if defined(__x86_64__)
	\what %r8, 8, \arg
	\what %r9, 9, \arg
	\what %r10, 10, \arg
	\what %r11, 11, \arg
	\what %r12, 12, \arg
	\what %r13, 13, \arg
	\what %r14, 14, \arg
	\what %r15, 15, \arg
#endif
.endm

.macro run_begin name
	.text
	.globl \name
	.type \name, @function
\name:
#if defined(__x86_64__)
	push %rbx; push %rbp; push %r12; push %r13; push %r14; push %r15
	push %rdi
#else
	push %ebx; push %ebp; push %esi; push %edi
	push 20(%esp)
#endif
	push $0
	each_register poison_one, 0
.endm

.macro run_end freed
	each_register check_one, \freed
	mov WORD(SP), CX
	mov AX, (CX)
	pop AX
	add $WORD, SP
#if defined(__x86_64__)
	pop %r15; pop %r14; pop %r13; pop %r12; pop %rbp; pop %rbx
#else
	pop %edi; pop %esi; pop %ebp; pop %ebx
#endif
	ret
.endm

	.section .note.GNU-stack, "", @progbits
