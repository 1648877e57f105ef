/* stats counts a relocatable object's sites and plans them with the
   runtime's core: a site whose implementation declares a one-instruction
   replacement is inlined, live and quiescent. */
/* { sites-run stats 0 {^1 sites, 1 ops, 8 table bytes, 12 descriptor bytes, 0 implementation records, 1 PVPATCH_INLINE records\nop forty_two: 1 sites, size 8, flags direct, clobbers rax\nclobbers rax: 1 sites\nsize 8: 1 sites\nlive: inlined 1 directed 0 nopped 0 left 0\nquiescent: inlined 1 directed 0 nopped 0 left 0$} } */
#include "pvpatch_inline.h"
#include "fixture-asm.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
PVPATCH_INLINE(forty_two, "mov $42, %eax", "eax");
FIXTURE_OP(op_answer, forty_two, "REG_AX", 8, 0);
FIXTURE_SITE_FN(answer_site, op_answer, 8, "", "call forty_two");
