/* SPDX-License-Identifier: MIT */
/* P2's baseline: a plain C call of the implementation. */
#include "call.h"

#define CALL_LOOPS call_loops_plain
#define save_fl hv_save_fl

#include "call_loop.h"
