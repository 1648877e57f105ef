/* Linux-native mode: a paravirt_callee_save member clobbers only rax, so
   the caller's values stay in caller-saved registers across it. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
struct paravirt_callee_save { void *func; };
struct pv_irq_ops { struct paravirt_callee_save save_fl, irq_disable; };
struct paravirt_patch_template { struct pv_irq_ops irq; };
extern struct paravirt_patch_template pv_ops;
long g(long a, long b, long c) { ((void (*)(void))pv_ops.irq.irq_disable.func)(); return a * b + c; }
/* { dg-final { scan-assembler-not "\\tpush" } } */
/* { dg-final { scan-assembler "\\.byte 1, 6" } } */
