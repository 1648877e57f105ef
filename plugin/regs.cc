/* SPDX-License-Identifier: MIT */
/* Register names, clobber masks (PVPATCH_REG_BIT sets) and the mapping
   between masks and GCC hard registers. */
#include "pvpatch-plugin.h"

/* GCC's hard register number of each general register, by hardware
   encoding (the PVPATCH_REG_* bit order). */
static const unsigned gpr_regno[16] = {
	AX_REG, CX_REG, DX_REG, BX_REG, SP_REG, BP_REG, SI_REG, DI_REG,
	R8_REG, R9_REG, R10_REG, R11_REG, R12_REG, R13_REG, R14_REG, R15_REG,
};

static unsigned gpr_count(void)
{
	return TARGET_64BIT ? 16 : 8;
}

static const char *reg_name(unsigned bit)
{
	return pvpatch_reg_name(bit, !TARGET_64BIT);
}

/* True if NAME (LEN chars) is PREFIX followed by a decimal below LIMIT. */
static bool numbered_name(const char *name, size_t len, const char *prefix,
			  unsigned limit)
{
	size_t plen = strlen(prefix);
	unsigned n = 0;

	if (len <= plen || len > plen + 2 || strncmp(name, prefix, plen))
		return false;
	for (size_t i = plen; i < len; i++) {
		if (!ISDIGIT(name[i]))
			return false;
		n = n * 10 + (name[i] - '0');
	}
	return n < limit;
}

/* The PVPATCH_REG_* bit named by NAME (LEN chars), or -1. */
static int reg_bit_of_name(const char *name, size_t len)
{
	unsigned vec_regs = TARGET_64BIT ? 32 : 8;

	for (unsigned bit = 0; bit < gpr_count(); bit++)
		if (strlen(reg_name(bit)) == len &&
		    !strncmp(reg_name(bit), name, len))
			return bit;
	if (numbered_name(name, len, "xmm", vec_regs) ||
	    numbered_name(name, len, "ymm", vec_regs) ||
	    numbered_name(name, len, "zmm", vec_regs) ||
	    numbered_name(name, len, "k", 8))
		return PVPATCH_REG_VEC;
	if (numbered_name(name, len, "st", 8) ||
	    numbered_name(name, len, "mm", 8) ||
	    (len == 2 && !strncmp(name, "st", 2)))
		return PVPATCH_REG_X87;
	return -1;
}

static bool call_may_clobber(int bit)
{
	return bit != PVPATCH_REG_SP && bit != PVPATCH_REG_BP;
}

/* Parse a comma-separated register list into *MASK.  On failure point
   *BAD at the offending name (*BAD_LEN chars) and return false; *MASK
   then says why: 0 for an unknown name, else the register that no call
   may clobber. */
bool pvpatch_parse_reg_list(const char *list, uint32_t *mask,
			    const char **bad, size_t *bad_len)
{
	const char *p = list;

	*mask = 0;
	while (ISSPACE(*p))
		p++;
	if (!*p)
		return true;
	for (;;) {
		const char *name;
		size_t len;
		int bit;

		while (ISSPACE(*p))
			p++;
		name = p;
		while (*p && *p != ',' && !ISSPACE(*p))
			p++;
		len = p - name;
		while (ISSPACE(*p))
			p++;
		bit = reg_bit_of_name(name, len);
		if (bit < 0 || !call_may_clobber(bit)) {
			*bad = name;
			*bad_len = len;
			*mask = bit < 0 ? 0 : PVPATCH_REG_BIT(bit);
			return false;
		}
		*mask |= PVPATCH_REG_BIT(bit);
		if (!*p)
			return true;
		if (*p != ',') {
			*bad = p;
			*bad_len = strlen(p);
			*mask = 0;
			return false;
		}
		p++;
	}
}

uint32_t pvpatch_abi_clobbers(void)
{
	return TARGET_64BIT ? PVPATCH_ABI_CLOBBERS_X86_64
			    : PVPATCH_ABI_CLOBBERS_I386;
}

/* Registers a lazy-binding PLT resolver may clobber on the way to a
   direct op in another object: glibc's x86-64 _dl_runtime_resolve saves
   the argument and vector registers but not r10 and r11.  The i386
   resolver preserves everything but the C-ABI set. */
uint32_t pvpatch_plt_scratch(void)
{
	return TARGET_64BIT ? PVPATCH_REG_BIT(PVPATCH_REG_R10) |
				      PVPATCH_REG_BIT(PVPATCH_REG_R11)
			    : 0;
}

/* The PVPATCH_REG_* bit holding hard register REGNO, or -1 for registers
   outside the masks (flags, status words, the frame's own registers). */
static int reg_bit_of_regno(unsigned regno)
{
	for (unsigned bit = 0; bit < gpr_count(); bit++)
		if (gpr_regno[bit] == regno)
			return bit;
	if (TEST_HARD_REG_BIT(reg_class_contents[ALL_SSE_REGS], regno) ||
	    TEST_HARD_REG_BIT(reg_class_contents[ALL_MASK_REGS], regno))
		return PVPATCH_REG_VEC;
	if (TEST_HARD_REG_BIT(reg_class_contents[FLOAT_REGS], regno) ||
	    TEST_HARD_REG_BIT(reg_class_contents[MMX_REGS], regno))
		return PVPATCH_REG_X87;
	return -1;
}

uint32_t pvpatch_reg_bit_of_hard_reg(unsigned regno)
{
	int bit = reg_bit_of_regno(regno);

	return bit < 0 ? 0 : PVPATCH_REG_BIT(bit);
}

static uint32_t mask_of_reg_rtx(rtx reg)
{
	uint32_t mask = 0;
	unsigned first = REGNO(reg);
	unsigned n = REG_NREGS(reg);

	for (unsigned r = first; r < first + n; r++)
		mask |= pvpatch_reg_bit_of_hard_reg(r);
	return mask;
}

/* Registers that hold the value returned by a function of type FNTYPE.
   A value returned in memory still comes back as its address in %rax or
   %eax. */
uint32_t pvpatch_return_regs(const_tree fntype)
{
	tree type = TREE_TYPE(fntype);
	rtx value;
	uint32_t mask = 0;

	if (VOID_TYPE_P(type) || !COMPLETE_TYPE_P(type))
		return 0;
	if (aggregate_value_p(type, fntype))
		return PVPATCH_REG_BIT(PVPATCH_REG_AX);
	value = targetm.calls.function_value(type, fntype, false);
	if (REG_P(value))
		return mask_of_reg_rtx(value);
	if (GET_CODE(value) == PARALLEL)
		for (int i = 0; i < XVECLEN(value, 0); i++) {
			rtx piece = XEXP(XVECEXP(value, 0, i), 0);
			if (REG_P(piece))
				mask |= mask_of_reg_rtx(piece);
		}
	return mask;
}

void pvpatch_format_mask(uint32_t mask, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	for (unsigned bit = 0; bit < PVPATCH_REG_COUNT; bit++) {
		if (!(mask & PVPATCH_REG_BIT(bit)))
			continue;
		used += snprintf(buf + used, used < len ? len - used : 0,
				 "%s%s", used ? "," : "", reg_name(bit));
	}
	if (!mask)
		snprintf(buf, len, "none");
}

/* The hard registers a call clobbering MASK clobbers: the registers MASK
   names, plus whatever the default ABI clobbers outside the registers
   masks can name (the flags and the FPU status word). */
HARD_REG_SET pvpatch_hard_regs_of_mask(uint32_t mask)
{
	HARD_REG_SET regs = default_function_abi.full_reg_clobbers();

	for (unsigned regno = 0; regno < FIRST_PSEUDO_REGISTER; regno++) {
		int bit = reg_bit_of_regno(regno);

		if (bit < 0)
			continue;
		if (mask & PVPATCH_REG_BIT(bit))
			SET_HARD_REG_BIT(regs, regno);
		else
			CLEAR_HARD_REG_BIT(regs, regno);
	}
	return regs;
}

uint32_t pvpatch_mask_of_hard_regs(HARD_REG_SET regs)
{
	uint32_t mask = 0;

	for (unsigned regno = 0; regno < FIRST_PSEUDO_REGISTER; regno++)
		if (TEST_HARD_REG_BIT(regs, regno))
			mask |= pvpatch_reg_bit_of_hard_reg(regno);
	return mask;
}
