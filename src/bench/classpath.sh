# Sourced by the benchmark launchers: compiles, builds the test classpath into $classpath, sets $heap, and prints
# the JVM, heap and cores the figures were taken with.
heap="${BENCH_HEAP:-512m}"

echo "== building (mvn -q -DskipTests test-compile)"
mvn -q -DskipTests test-compile

cp_file="target/bench.classpath"
mvn -q dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
classpath="target/classes:target/test-classes:$(cat "$cp_file")"

echo "== java -version"
java -version 2>&1
echo "== heap: -Xmx${heap} -> $(java -Xmx"${heap}" -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '$2 == "MaxHeapSize" { printf "MaxHeapSize = %d bytes (%d MB)", $4, $4 / 1048576 }')"
echo "== cores: $(nproc)"
