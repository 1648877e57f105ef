/* Library half of m32-pic-plt.c. */
#include <pvpatch.h>
long lib_op(long) __paravirt_callee_save;
long lib_op(long x) { return x * 3; }
