/* SPDX-License-Identifier: MIT */
/*
 * GCC headers in the order they need, and the shims for GCC versions.
 * Every plugin source includes this first and nothing else from GCC.
 *
 * pvpatch relies on per-call ABIs (function-abi.h, GCC 10) and is tested
 * with GCC 11 and 12; older compilers are refused at build time here
 * rather than failing obscurely in a later include.  What differs between
 * the versions is decided here, once, by BUILDING_GCC_MAJOR.
 */
#ifndef PVPATCH_GCC_COMMON_H
#define PVPATCH_GCC_COMMON_H

#include "gcc-plugin.h"
#include "bversion.h"

#if BUILDING_GCC_MAJOR < 11
#error "pvpatch needs the plugin headers of GCC 11 or later"
#endif

#include "system.h"
#include "coretypes.h"
#include "backend.h"
#include "target.h"
#include "tree.h"
#include "gimple.h"
#include "rtl.h"
#include "tm_p.h"
#include "tree-pass.h"
#include "ssa.h"
#include "cgraph.h"
#include "memmodel.h"
#include "emit-rtl.h"
#include "regs.h"
#include "function-abi.h"
#include "diagnostic.h"
#include "stringpool.h"
#include "attribs.h"
#include "gimple-iterator.h"
#include "stor-layout.h"
#include "output.h"
#include "varasm.h"
#include "calls.h"
#include "expr.h"
#include "tree-eh.h"
#include "langhooks.h"
#include "toplev.h"
#include "opts.h"
#include "hash-set.h"
#include "regset.h"
#include "df.h"
#include "insn-config.h"
#include "recog.h"
#include "cpplib.h"
#include "context.h"
#include "print-tree.h"
#include "tree-pretty-print.h"

/* GCC 11's reg-stack pass cannot keep an x87 value live across a call
   (emit_swap_insn asserts); GCC 12's can. */
#define PVPATCH_GCC_X87_LIVE_ACROSS_CALLS (BUILDING_GCC_MAJOR >= 12)

/* x86 is the only target whose registers and instructions pvpatch knows. */
#if !defined(TARGET_64BIT) || !defined(AX_REG)
#error "pvpatch supports only the x86 (i386 and x86-64) back end"
#endif

#endif /* PVPATCH_GCC_COMMON_H */
