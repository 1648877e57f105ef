/* Linux 6.1 format: a Linux-native site is 6 bytes like Linux's own
   PARAVIRT_CALL unless -fplugin-arg-pvpatch-size says otherwise; the
   .parainstructions entry keeps struct paravirt_patch_site's layout
   (pointer, type, len, padding to 16 bytes) and there is no
   .altinstructions entry. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-size=8 -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
struct paravirt_patch_site { unsigned char *instr; unsigned char type, len; };
struct pv_mmu_ops { unsigned long (*read_cr2)(void); unsigned long (*read_cr3)(void); };
struct paravirt_patch_template { struct pv_mmu_ops mmu; };
extern struct paravirt_patch_template pv_ops;
unsigned long f(void) { return pv_ops.mmu.read_cr3(); }
/* { dg-final { scan-readelf "-x .parainstructions" "0x00000000 00000000 00000000 01080000 00000000" } } */
/* { dg-final { scan-readelf "-r" "R_X86_64_64 +0+ \\.text \\+ \[0-9a-f\]+\\n" } } */
/* { dg-final { scan-objdump "ff 15 00 00 00 00 \\s+call\[^\\n\]*\\n\[^\\n\]*pv_ops\\+0x4\\n\\s+\[0-9a-f\]+:\\s+66 90 " } } */
/* { dg-final { scan-readelf-not "-S" "altinstr" } } */
