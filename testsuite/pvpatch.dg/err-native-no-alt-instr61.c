/* In 6.1 format, native code writes .altinstructions entries: the unit
   must declare the kernel's struct alt_instr to check their layout. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", 0x8110)));
};
extern struct ops pv_ops;
void g(void)
{
	pv_ops.f(); /* { dg-error "'paravirt_native' needs 'struct alt_instr' of the kernel headers declared in the unit" } */
}
