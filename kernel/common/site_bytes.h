/* SPDX-License-Identifier: MIT */
/*
 * What a site may hold, for every test that reads site bytes (pvtest.ko,
 * pvboot, testsuite/pvpatch.dg/site-run.h): deliberately independent of
 * pvpatch's own decoder, which is among what they check.  Plain C types
 * only: it is built both in and out of Linux.
 *
 * NOPs are the encodings assemblers, kernels and pvpatch pad with: 90,
 * and 0f 1f /0 with its ModRM, SIB and displacement, each optionally
 * behind 66 and 2e prefixes.
 */
#ifndef PVPATCH_KERNEL_SITE_BYTES_H
#define PVPATCH_KERNEL_SITE_BYTES_H

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

/*
 * Whether the size bytes at site are code (len bytes), then NOPs.  The
 * runtime may instead put a one-instruction replacement behind CS (2e)
 * prefixes up to the length of the call it replaces, so that the site
 * can later be re-patched live: that form is accepted too.
 */
static inline int holds_code(const unsigned char *site, unsigned int size,
			     const unsigned char *code, unsigned int len)
{
	unsigned int at = 0, i;

	while (at + len < size && site[at] == 0x2e)
		at++;
	if (at + len > size)
		return 0;
	for (i = 0; i < len; i++)
		if (site[at + i] != code[i])
			return 0;
	return all_nops(site + at + len, size - at - len);
}

#endif /* PVPATCH_KERNEL_SITE_BYTES_H */
