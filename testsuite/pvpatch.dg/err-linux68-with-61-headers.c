/* 6.8's alternative calls against Linux 6.1's headers (they declare
   struct paravirt_patch_site) is an error at the first site. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
struct paravirt_patch_site { unsigned char *instr; unsigned char type, len; };
struct pv_cpu_ops { void (*io_delay)(void); };
struct paravirt_patch_template { struct pv_cpu_ops cpu; };
extern struct paravirt_patch_template pv_ops;
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "'-fplugin-arg-pvpatch-linux-abi=6.8' writes direct-call alternatives, which the kernel whose headers this unit includes does not know \\(they declare 'struct paravirt_patch_site': Linux before 6.8\\); use '-fplugin-arg-pvpatch-linux-abi=6.1'" } */
}
