/* Linux-native mode: plain calls through the named ops table are sites
   recorded for the kernel's apply_paravirt in .parainstructions (6.1
   layout: pointer, type = member index, length, 16-bit clobbers). */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
struct paravirt_callee_save { void *func; };
struct pv_cpu_ops { void (*io_delay)(void); unsigned long (*read_cr0)(void); };
struct pv_irq_ops { struct paravirt_callee_save save_fl, irq_disable; void (*halt)(void); };
struct paravirt_patch_template { struct pv_cpu_ops cpu; struct pv_irq_ops irq; };
extern struct paravirt_patch_template pv_ops, other_ops;
unsigned long f(void)
{
	unsigned long fl = ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();
	pv_ops.cpu.io_delay();
	other_ops.cpu.io_delay();
	return fl;
}
/* { dg-final { scan-assembler-times "\\.pushsection \\.parainstructions,\"a\"" 2 } } */
/* { dg-final { scan-assembler "\\.quad \\.Lpvpatch_site_\\d+\\n\\s*\\.byte 2, 6\\n\\s*\\.short 0" } } */
/* { dg-final { scan-assembler "\\.quad \\.Lpvpatch_site_\\d+\\n\\s*\\.byte 0, 6\\n" } } */
/* { dg-final { scan-assembler-not "pvpatch_sites" } } */
