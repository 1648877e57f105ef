/* Under -m32 only i386 register names exist. */
/* { dg-do compile } */
/* { dg-options "-m32" } */
long op(long) __attribute__((paravirt("rax"))); /* { dg-error "unknown register 'rax'.*i386" } */
long ok(long) __attribute__((paravirt("eax,ecx")));
