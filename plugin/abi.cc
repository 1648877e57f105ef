/* SPDX-License-Identifier: MIT */
/*
 * Narrow call ABIs.  A site stays a genuine call instruction; the register
 * allocator learns that it clobbers only its op's registers through GCC's
 * per-call ABI hooks, each distinct clobber set getting one of the free
 * predefined_function_abi ids.  Everything that is not a site is passed
 * to the target's own hooks untouched, so other code is unchanged.
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
		abi.initialize(id, pvpatch_hard_regs_of_mask(abi_id_mask[id]));
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
