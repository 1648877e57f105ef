/* SPDX-License-Identifier: MIT */
/*
 * The NOP encodings assemblers, kernels and pvpatch pad with: 90, and
 * 0f 1f /0 with its ModRM, SIB and displacement, each optionally behind
 * 66 and 2e prefixes.  Shared by the checks of pvtest.ko and pvboot, and
 * deliberately independent of pvpatch's own decoder, which is among what
 * they check.  Plain C types only: it is built both in and out of Linux.
 */
#ifndef PVPATCH_KERNEL_NOP_DECODE_H
#define PVPATCH_KERNEL_NOP_DECODE_H

/* Length of the NOP at p, 0 if p holds none in avail bytes. */
static inline unsigned int nop_length(const unsigned char *p, unsigned int avail)
{
	unsigned int n = 0, sib, mod;
	unsigned char modrm;

	while (n < avail && (p[n] == 0x66 || p[n] == 0x2e))
		n++;
	if (n < avail && p[n] == 0x90)
		return n + 1;
	if (n + 3 > avail || p[n] != 0x0f || p[n + 1] != 0x1f)
		return 0;
	modrm = p[n + 2];
	mod = modrm >> 6;
	if ((modrm & 0x38) || mod == 3)
		return 0;
	sib = (modrm & 7) == 4;
	if (sib && n + 4 > avail)
		return 0;
	n += 3 + sib;
	if (mod == 1)
		n += 1;					/* disp8 */
	else if (mod == 2 || (!mod && (modrm & 7) == 5) ||
		 (!mod && sib && (p[n - 1] & 7) == 5))
		n += 4;					/* disp32 */
	return n <= avail ? n : 0;
}

/* Whether len bytes at p are nothing but NOPs. */
static inline int all_nops(const unsigned char *p, unsigned int len)
{
	unsigned int n;

	for (; len; p += n, len -= n) {
		n = nop_length(p, len);
		if (!n)
			return 0;
	}
	return 1;
}

#endif /* PVPATCH_KERNEL_NOP_DECODE_H */
