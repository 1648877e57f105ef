/* The plugin predefines __PVPATCH__ and makes __has_attribute(paravirt)
   true. */
/* { dg-do compile } */
#if !defined(__PVPATCH__) || __PVPATCH__ < 100
#error "__PVPATCH__ missing"
#endif
#if !__has_attribute(paravirt)
#error "paravirt attribute missing"
#endif
int x;
