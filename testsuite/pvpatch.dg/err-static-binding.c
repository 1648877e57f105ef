/* A static initializer that binds a slot to a function compiled here
   which clobbers more than the slot allows is an error. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
struct pv_irq_ops { void (*irq_disable)(void) __paravirt_callee_save; long (*hc)(long) __paravirt; };
void native_disable(void) { __asm__ volatile("xor %%esi, %%esi" ::: "rsi"); }
__attribute__((paravirt_impl("callee_save"))) void careful_disable(void) { __asm__ volatile("xor %%esi, %%esi" ::: "rsi"); }
long hc(long x) { return x + 1; }
struct pv_irq_ops good = { careful_disable, hc };
struct pv_irq_ops bad = { native_disable, hc }; /* { dg-error "'native_disable' clobbers 'rsi', outside the clobber set of the paravirt slot it is bound to \\('none'\\)" } */
