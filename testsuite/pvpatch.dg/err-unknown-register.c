/* An unknown register name is an error at the declaration. */
/* { dg-do compile } */
long op(long) __attribute__((paravirt("rax,rzz"))); /* { dg-error "unknown register 'rzz'" } */
