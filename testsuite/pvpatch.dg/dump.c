/* -fplugin-arg-pvpatch-dump lists every site with its op, clobbers and
   size (GCC 12 parses -fdump-* before plugins add their passes). */
/* { dg-do compile } */
/* { dg-options "-O2 -fno-pic -fplugin-arg-pvpatch-dump" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt_callee_save;
struct ops { void (*irq_disable)(void) __paravirt_site("callee_save", 12); long (*hc)(long) __paravirt; };
extern struct ops pv_ops;
long g(long a) { pv_ops.irq_disable(); return (long)save_fl() + pv_ops.hc(a); }
/* { dg-final { scan-dump "pvpatch" "site \\d: op save_fl\\+0 clobbers rax size 8" } } */
/* { dg-final { scan-dump "pvpatch" "site \\d: op slot pv_ops\\+0 clobbers none size 12" } } */
/* { dg-final { scan-dump "pvpatch" "site \\d: op slot pv_ops\\+8 clobbers rax,rcx,rdx,rsi,rdi,r8,r9,r10,r11,vec,x87 size 8" } } */
/* { dg-final { scan-dump-times "pvpatch_calls" "site: op" 3 } } */
