/* Just enough of Linux 6.12's x86 headers for Linux-native sites in the
   6.8 format: struct alt_instr (asm/alternative.h, packed, 14 bytes),
   its flags and features, and a pv_ops of the same shape as the
   kernel's.  LINUX68_NO_ALT_INSTR leaves struct alt_instr out. */
typedef int s32;
typedef unsigned int u32;
typedef unsigned char u8;

#define ALT_FLAGS_SHIFT		16
#define ALT_FLAG_NOT		(1 << 0)
#define ALT_NOT(feature)	((ALT_FLAG_NOT << ALT_FLAGS_SHIFT) | (feature))
#define ALT_FLAG_DIRECT_CALL	(1 << 1)
#define X86_FEATURE_ALWAYS	( 3*32+21)
#define X86_FEATURE_XENPV	( 8*32+16)

#ifndef LINUX68_NO_ALT_INSTR
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

struct paravirt_callee_save { void *func; };
struct pv_cpu_ops { void (*io_delay)(void); };
struct pv_irq_ops {
	struct paravirt_callee_save save_fl, irq_disable, irq_enable;
};
struct pv_mmu_ops {
	unsigned long (*read_cr2)(void);
	unsigned long (*read_cr3)(void);
};
struct paravirt_patch_template {
	struct pv_cpu_ops cpu;
	struct pv_irq_ops irq;
	struct pv_mmu_ops mmu;
};
extern struct paravirt_patch_template pv_ops;

/* Linux's irq-save sequence as plain C calls. */
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
