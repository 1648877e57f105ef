/* SPDX-License-Identifier: MIT */
/* pvpatch: a site, measured unpatched (P3: a call through the table) and
   patched to a direct call of the implementation (P2). */
#include "call.h"

#define CALL_LOOPS call_loops_site
#define save_fl pv_irq_ops.save_fl

#include "call_loop.h"
