/* SPDX-License-Identifier: MIT */
/*
 * Narrow call ABIs.  A site stays a genuine call instruction; the register
 * allocator learns that it clobbers only its op's registers through GCC's
 * per-call ABI hooks, each distinct clobber set getting one of the free
 * predefined_function_abi ids.  Everything that is not a site is passed
 * to the target's own hooks untouched, so other code is unchanged.
 *
 * An op may also clobber registers every C function must preserve (rbx,
 * r12-r15...).  The ABI keeps values out of them across the call, but the
 * caller must still restore them for its own caller, and GCC's prologue
 * saves only registers the function itself sets.  So such calls also get
 * explicit CLOBBERs, which dataflow counts as the caller setting them.
 */
#include "pvpatch-plugin.h"

static const predefined_function_abi &(*target_fntype_abi)(const_tree);
static const predefined_function_abi &(*target_insn_callee_abi)(const rtx_insn *);

/* Which clobber mask each ABI id of ours stands for.  (A mask of 0, an
   op that clobbers nothing, is a real mask, hence the separate flag.) */
static uint32_t abi_id_mask[NUM_ABI_IDS];
static bool abi_id_ours[NUM_ABI_IDS];

static bool id_reserved_by_target(unsigned id)
{
#ifdef ABI_VZEROUPPER
	if (id == ABI_VZEROUPPER)
		return true;
#endif
	return id == 0;
}

/* The ABI id for MASK: the one already given to it, else a free one, else
   (all ids taken) one of ours whose clobbers include MASK, which is safe
   because callers then merely assume more registers clobbered. */
static int abi_id_for(uint32_t mask)
{
	int superset = -1;

	for (unsigned id = 0; id < NUM_ABI_IDS; id++)
		if (abi_id_ours[id] && abi_id_mask[id] == mask)
			return id;
	for (unsigned id = 0; id < NUM_ABI_IDS; id++) {
		if (id_reserved_by_target(id) || abi_id_ours[id])
			continue;
		abi_id_ours[id] = true;
		abi_id_mask[id] = mask;
		return id;
	}
	for (unsigned id = 0; id < NUM_ABI_IDS; id++)
		if (abi_id_ours[id] && !(mask & ~abi_id_mask[id]) &&
		    (superset < 0 ||
		     popcount_hwi(abi_id_mask[id]) <
			     popcount_hwi(abi_id_mask[superset])))
			superset = id;
	return superset;
}

/* The registers the allocator takes a site of MASK to clobber: MASK, and
   the x87 stack where GCC cannot keep it across a call (gcc-common.h).
   Assuming more clobbered than the op declares is always safe. */
static HARD_REG_SET allocator_regs_of_mask(uint32_t mask)
{
	if (!PVPATCH_GCC_X87_LIVE_ACROSS_CALLS)
		mask |= PVPATCH_REG_BIT(PVPATCH_REG_X87);
	return pvpatch_hard_regs_of_mask(mask);
}

static const predefined_function_abi &abi_for_mask(uint32_t mask)
{
	static bool warned;
	int id = abi_id_for(mask);

	if (id < 0) {
		/* No location: the hook cannot tell which call asked. */
		if (!warned)
			warning_at(UNKNOWN_LOCATION, 0, "pvpatch: more distinct "
				   "clobber sets than GCC has call ABIs; some "
				   "sites assume the full C-ABI clobbers");
		warned = true;
		id = abi_id_for(mask | pvpatch_abi_clobbers());
		if (id < 0)
			return default_function_abi;
	}
	/* function_abis is per target configuration (target attributes
	   switch it), so initialise the id in whichever one is current. */
	predefined_function_abi &abi = function_abis[id];
	if (!abi.initialized_p())
		abi.initialize(id, allocator_regs_of_mask(abi_id_mask[id]));
	return abi;
}

static const predefined_function_abi &target_abi_of_type(const_tree fntype)
{
	return target_fntype_abi ? target_fntype_abi(fntype)
				 : default_function_abi;
}

static const predefined_function_abi &pvpatch_fntype_abi(const_tree fntype)
{
	struct pvpatch_op_class cls;

	if (pvpatch_op_class_of(fntype, &cls))
		return abi_for_mask(cls.assumed);
	return target_abi_of_type(fntype);
}

static const predefined_function_abi &
pvpatch_insn_callee_abi(const rtx_insn *insn)
{
	struct pvpatch_op_class cls;
	tree callee;

	if (pvpatch_site_of_call(insn, &cls, &callee))
		return abi_for_mask(cls.assumed);
	return target_insn_callee_abi ? target_insn_callee_abi(insn)
				      : default_function_abi;
}

void pvpatch_install_abi_hooks(void)
{
	target_fntype_abi = targetm.calls.fntype_abi;
	target_insn_callee_abi = targetm.calls.insn_callee_abi;
	targetm.calls.fntype_abi = pvpatch_fntype_abi;
	targetm.calls.insn_callee_abi = pvpatch_insn_callee_abi;
}

/* Add to CALL a CLOBBER of each register in MASK that the C ABI says a
   call preserves. */
static void clobber_preserved_regs(rtx_insn *call, uint32_t mask)
{
	HARD_REG_SET regs = pvpatch_hard_regs_of_mask(mask);

	for (unsigned regno = 0; regno < FIRST_PSEUDO_REGISTER; regno++) {
		rtx reg;

		if (!TEST_HARD_REG_BIT(regs, regno) ||
		    default_function_abi.clobbers_full_reg_p(regno))
			continue;
		reg = gen_rtx_REG(word_mode, regno);
		CALL_INSN_FUNCTION_USAGE(call) = gen_rtx_EXPR_LIST(
			VOIDmode, gen_rtx_CLOBBER(VOIDmode, reg),
			CALL_INSN_FUNCTION_USAGE(call));
	}
}

/* Add to CALL, an indirect site, a USE of its slot: it reads it, and
   cross-jumping, which merges identical calls at the end of two blocks
   and keeps only the memory attributes they share, must not make the
   calls of two slots one call of no slot, which is no site. */
static void use_slot(rtx_insn *call, const struct pvpatch_op_class *cls)
{
	rtx slot = DECL_RTL(cls->slot);
	rtx mem;

	if (!MEM_P(slot))
		return;
	mem = gen_rtx_MEM(ptr_mode, plus_constant(Pmode, XEXP(slot, 0),
						  cls->slot_offset));
	CALL_INSN_FUNCTION_USAGE(call) = gen_rtx_EXPR_LIST(
		VOIDmode, gen_rtx_USE(VOIDmode, mem),
		CALL_INSN_FUNCTION_USAGE(call));
}

namespace {

const pass_data clobbers_pass_data = {
	RTL_PASS, "*pvpatch_clobbers", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

class clobbers_pass : public rtl_opt_pass {
public:
	clobbers_pass(gcc::context *ctxt)
		: rtl_opt_pass(clobbers_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return !pvpatch_opts.disable;
	}

	unsigned execute(function *) final override
	{
		struct pvpatch_op_class cls;
		tree callee;

		for (rtx_insn *insn = get_insns(); insn; insn = NEXT_INSN(insn))
			if (CALL_P(insn) &&
			    pvpatch_site_of_call(insn, &cls, &callee)) {
				clobber_preserved_regs(insn, cls.assumed);
				if (cls.slot)
					use_slot(insn, &cls);
			}
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_clobbers_pass(gcc::context *ctxt)
{
	return new clobbers_pass(ctxt);
}
