/* Sites in a shared library work, and the executable and the library each
   have their own table, found through their notes. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-shlib "shlib-sites-lib.c" "" } */
#include <pvpatch.h>
#include "note-tables.h"
long lib_compute(long);
long local_op(long) __paravirt;
long local_op(long x) { return x - 1; }
int main(void)
{
	struct note_tables t = note_tables();
	return lib_compute(5) != 5 * 2 + 1 + 40 || local_op(3) != 2 ||
	       t.objects != 2 || t.sites != 3;
}
