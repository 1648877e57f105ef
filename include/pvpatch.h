/* SPDX-License-Identifier: MIT */
/*
 * pvpatch annotations.  With the plugin loaded (it predefines __PVPATCH__
 * to its version) these mark paravirt ops; without it they expand to
 * nothing, so annotated headers still build with a plain compiler.
 *
 *   unsigned long save_fl(void) __paravirt_callee_save;
 *   struct pv_irq_ops {
 *           void (*irq_disable)(void) __paravirt_site("callee_save", 8);
 *           long (*hypercall)(long, long, long) __paravirt;
 *   };
 *
 * and implementations:
 *
 *   __paravirt_impl_clobbers("rax") unsigned long native_save_fl(void);
 *
 * See docs/attributes.md for the attributes and their arguments.
 */
#ifndef PVPATCH_H
#define PVPATCH_H

#ifdef __PVPATCH__
/* Clobbers everything the C ABI lets a call clobber; default site size. */
#define __paravirt __attribute__((paravirt))
/* Clobbers only the return register(s), like Linux's PVOP_CALLEE*. */
#define __paravirt_callee_save __attribute__((paravirt("callee_save")))
/* Clobbers exactly REGS, a string such as "rax,rdx" ("eax,edx" on i386). */
#define __paravirt_clobbers(regs) __attribute__((paravirt(regs)))
/* Clobber set SPEC ("abi", "callee_save" or a list) and a site of SIZE bytes. */
#define __paravirt_site(spec, size) __attribute__((paravirt(spec, size)))
/* An implementation of ops: the plugin records what it clobbers. */
#define __paravirt_impl __attribute__((paravirt_impl))
/* One compiled to clobber no more than REGS (same syntax as above). */
#define __paravirt_impl_clobbers(regs) __attribute__((paravirt_impl(regs)))
/* Linux-native mode: CODE replaces the kernel's sites of this pv_ops
   member where the alt_instr feature word COND holds, as Linux's
   PVOP_ALT_* macros, e.g. __paravirt_native("cli", ALT_NOT_XEN). */
#define __paravirt_native(code, cond) __attribute__((paravirt_native(code, cond)))
#else
#define __paravirt
#define __paravirt_callee_save
#define __paravirt_clobbers(regs)
#define __paravirt_site(spec, size)
#define __paravirt_impl
#define __paravirt_impl_clobbers(regs)
#define __paravirt_native(code, cond)
#endif

#endif /* PVPATCH_H */
