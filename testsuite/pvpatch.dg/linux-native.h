/* Just enough of Linux's x86 headers for native code on Linux-native
   sites, in either format: LINUX_61 gives Linux 6.1's 12-byte struct
   alt_instr and ALT_NOT (bit 15 of the 16-bit cpuid), else 6.12's
   packed 14-byte one (ALT_FLAG_NOT in the flags half).  The pv_ops
   members that Linux's PVOP_ALT_* macros give native code carry it as
   paravirt_native, as an adopter of the headers would write it;
   LINUX_NATIVE_OWN_OPS leaves them to the test. */
typedef int s32;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define X86_FEATURE_XENPV	( 8*32+16)
#define X86_FEATURE_PVUNLOCK	( 8*32+20)
#define X86_FEATURE_VCPUPREEMPT	( 8*32+21)

#ifdef LINUX_61
#define ALT_NOT(feat)		((feat) | (1 << 15))
struct alt_instr {
	s32 instr_offset;
	s32 repl_offset;
	u16 cpuid;
	u8  instrlen;
	u8  replacementlen;
} __attribute__((packed));
#else
#define ALT_FLAGS_SHIFT		16
#define ALT_FLAG_NOT		(1 << 0)
#define ALT_NOT(feature)	((ALT_FLAG_NOT << ALT_FLAGS_SHIFT) | (feature))
struct alt_instr {
	s32 instr_offset;
	s32 repl_offset;
	union {
		struct {
			u32 cpuid: 16;
			u32 flags: 16;
		};
		u32 ft_flags;
	};
	u8  instrlen;
	u8  replacementlen;
} __attribute__((packed));
#endif
#define ALT_NOT_XEN ALT_NOT(X86_FEATURE_XENPV)

#define __native(code, cond) __attribute__((paravirt_native(code, cond)))

struct paravirt_callee_save { void *func; };
#ifndef LINUX_NATIVE_OWN_OPS
struct pv_irq_ops {
	struct paravirt_callee_save save_fl __native("pushf; pop %rax", ALT_NOT_XEN);
	struct paravirt_callee_save irq_disable __native("cli", ALT_NOT_XEN);
	struct paravirt_callee_save irq_enable __native("sti", ALT_NOT_XEN);
	void (*halt)(void);
};
struct pv_mmu_ops {
	struct paravirt_callee_save read_cr2 __native("mov %cr2, %rax", ALT_NOT_XEN);
	unsigned long (*read_cr3)(void) __native("mov %cr3, %rax", ALT_NOT_XEN);
	void (*write_cr3)(unsigned long) __native("mov %rdi, %cr3", ALT_NOT_XEN);
};
struct pv_lock_ops {
	struct paravirt_callee_save queued_spin_unlock
		__native("movb $0, (%rdi)", ALT_NOT(X86_FEATURE_PVUNLOCK));
	struct paravirt_callee_save vcpu_is_preempted
		__native("xor %rax, %rax", ALT_NOT(X86_FEATURE_VCPUPREEMPT));
};
struct paravirt_patch_template {
	struct pv_irq_ops irq;
	struct pv_mmu_ops mmu;
	struct pv_lock_ops lock;
};
extern struct paravirt_patch_template pv_ops;

static inline unsigned long pv_save_fl(void)
{
	return ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();
}
static inline void pv_irq_disable(void)
{
	((void (*)(void))pv_ops.irq.irq_disable.func)();
}
static inline void pv_irq_enable(void)
{
	((void (*)(void))pv_ops.irq.irq_enable.func)();
}
#endif
