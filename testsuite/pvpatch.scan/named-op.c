/* An op named by --ops alone: the C ABI's clobbers, less what the site
   saves. */
/* { dg-pvpatch-scan "named.S" "--ops paravirt_cli" } */
/* { dg-final { scan-pvpatch-scan "call of paravirt_cli: site .text\\+0, 11 bytes, clobbers (rsi,rdi,r8,r9,r10,r11,)?vec,x87; widening stopped at the start of the section$" } } */
/* { dg-final { pvpatch-scan-exit 0 } } */
