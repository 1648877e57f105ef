/* With -ffunction-sections --gc-sections -z start-stop-gc an unused
   function is dropped and its site entries with it. */
/* { dg-do run } */
/* { dg-options "-O2 -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc" } */
#include <pvpatch.h>
#include "note-tables.h"
long op(long) __paravirt;
long op(long x) { return x + 1; }
__attribute__((noinline)) long unused_fn(long x) { return op(x) * 2; }
__attribute__((noinline)) long used_fn(long x) { return op(x) * 3; }
int main(void)
{
	struct note_tables t = note_tables();
	return used_fn(1) != 6 || t.objects != 1 || t.sites != 1;
}
/* { dg-final { scan-objdump-not "<unused_fn>" } } */
