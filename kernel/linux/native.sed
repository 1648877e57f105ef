# The native code of Linux's PVOP_ALT_* macros (arch/x86/include/asm/
# paravirt.h, the same in 6.1 and 6.12), written as paravirt_native next
# to the members of asm/paravirt_types.h, as a tree adopting plain-C
# pv_ops calls would write it.  kernel/linux-native-types.sh applies it to
# a copy of the installed headers' file, for pvtest.ko's nativecode.c and
# for bench's P9.
s/^\(\s*struct paravirt_callee_save save_fl\);/\1 __attribute__((paravirt_native("pushf; pop %rax", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save irq_disable\);/\1 __attribute__((paravirt_native("cli", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save irq_enable\);/\1 __attribute__((paravirt_native("sti", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save read_cr2\);/\1 __attribute__((paravirt_native("mov %cr2, %rax", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*unsigned long (\*read_cr3)(void)\);/\1 __attribute__((paravirt_native("mov %cr3, %rax", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*void (\*write_cr3)(unsigned long)\);/\1 __attribute__((paravirt_native("mov %rdi, %cr3", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*void (\*wbinvd)(void)\);/\1 __attribute__((paravirt_native("wbinvd", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save \(pte\|pmd\|pud\|p4d\|pgd\)_val\);/\1 __attribute__((paravirt_native("mov %rdi, %rax", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save make_\(pte\|pmd\|pud\|p4d\|pgd\)\);/\1 __attribute__((paravirt_native("mov %rdi, %rax", ALT_NOT(X86_FEATURE_XENPV))));/
s/^\(\s*struct paravirt_callee_save queued_spin_unlock\);/\1 __attribute__((paravirt_native("movb $0, (%rdi)", ALT_NOT(X86_FEATURE_PVUNLOCK))));/
s/^\(\s*struct paravirt_callee_save vcpu_is_preempted\);/\1 __attribute__((paravirt_native("xor %rax, %rax", ALT_NOT(X86_FEATURE_VCPUPREEMPT))));/
