# P6's generated program, one unit per run:
#   awk -v unit=N -v functions=F -v calls=C -f p6-gen.awk > uN.c
# F functions of C op calls each, cycling through the ops of p6_ops.h.
# Each call has its own constant, so no two functions are identical
# (identical code folding would merge them and their sites).
BEGIN {
	print "#include \"p6_ops.h\""
	for (f = 0; f < functions; f++) {
		printf "\nvoid p6_u%d_f%d(unsigned long x)\n{\n", unit, f
		for (c = 0; c < calls; c++) {
			k = (unit * functions + f) * calls + c
			op = c % 6
			if (op == 0)
				print "\tx ^= pv_cpu_ops.save_fl();"
			else if (op == 1)
				print "\tpv_cpu_ops.irq_disable();"
			else if (op == 2)
				printf "\tx += pv_cpu_ops.hypercall(%d, x);\n", k
			else if (op == 3)
				print "\tpv_io_delay();"
			else if (op == 4)
				print "\tpv_cpu_ops.irq_enable();"
			else
				printf "\tpv_cpu_ops.restore_fl(x + %d);\n", k
		}
		print "}"
	}
}
