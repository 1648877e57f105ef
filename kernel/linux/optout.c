// SPDX-License-Identifier: MIT
/*
 * A file opted out of pvpatch the Kbuild way (CFLAGS_optout.o in Kbuild):
 * the same plain C pv_ops call as native.c's stays an ordinary indirect
 * call, with no .parainstructions entry.
 */
#include <asm/paravirt.h>

#include "pvtest.h"

noinline unsigned long optout_read_cr3(void)
{
	return pv_ops.mmu.read_cr3();
}
