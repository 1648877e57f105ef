/* An implementation file written with include/pvpatch.h's macros only:
   impl-macros.c builds it with the plugin, impl-macros-no-plugin.c
   without. */
#include <pvpatch.h>

struct ops {
	unsigned long (*read)(void) __paravirt_callee_save;
	void (*write)(unsigned long) __paravirt_clobbers("rax");
};

static volatile unsigned long hw;

__paravirt_impl_clobbers("rax") unsigned long native_read(void) { return hw; }
__paravirt_impl void native_write(unsigned long v) { hw = v; }

struct ops ops = { native_read, native_write };
