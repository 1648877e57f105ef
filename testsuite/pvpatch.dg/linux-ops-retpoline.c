/* Linux-native mode under retpolines: a site is a plain call *pv_ops(%rip)
   annotated retpoline-safe (as Linux's PARAVIRT_CALL), never the thunk
   call objtool would hand to apply_retpolines; other indirect calls of
   the same function keep their thunk. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
struct pv_cpu_ops { void (*io_delay)(void); };
struct paravirt_patch_template { struct pv_cpu_ops cpu; };
extern struct paravirt_patch_template pv_ops;
void f(void (*hook)(void))
{
	pv_ops.cpu.io_delay();
	hook();
	pv_ops.cpu.io_delay();
}
/* { dg-final { scan-assembler-times "\\.Lpvpatch_site_\\d+:\\n\\s*\\.pushsection \\.discard\\.retpoline_safe\\n\\s*\\.quad \\.Lpvpatch_site_\\d+\\n\\s*\\.popsection\\n(#\[^\\n\]*\\n)*\\s*call\\s+\\*pv_ops\\(%rip\\)" 2 } } */
/* { dg-final { scan-assembler-times "(call|jmp)\\s+__x86_indirect_thunk_" 1 } } */
