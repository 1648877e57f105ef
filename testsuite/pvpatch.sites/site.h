/* One op with one site, for the tool's tests. */
#include "fixture-asm.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_answer, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(answer_site, op_answer, 8, "", "call forty_two");
