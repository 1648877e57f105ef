/* An i386 cdecl op is flagged as taking stack arguments; a regparm(3) op
   with register arguments is not. */
/* { dg-do run } */
/* { dg-options "-m32 -O2" } */
#include <pvpatch.h>
#include <pvpatch_site.h>
long stk(long, long) __paravirt;
__attribute__((regparm(3))) long reg(long, long) __paravirt;
long stk(long a, long b) { return a - b; }
__attribute__((regparm(3))) long reg(long a, long b) { return a + b; }
extern const struct pvpatch_site __start_pvpatch_sites[] __attribute__((visibility("hidden")));
extern const struct pvpatch_site __stop_pvpatch_sites[] __attribute__((visibility("hidden")));
__attribute__((noinline)) long use(long x) { return stk(x, 1) * reg(x, 1); }
int main(void)
{
	unsigned stack = 0, regs = 0;
	for (const struct pvpatch_site *s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++) {
		const struct pvpatch_op *op = pvpatch_site_op(s);
		if (!(op->flags & PVPATCH_OP_I386))
			return 1;
		if (op->flags & PVPATCH_OP_STACK_ARGS)
			stack++;
		else
			regs++;
	}
	return use(5) != 24 || stack != 1 || regs != 1;
}
