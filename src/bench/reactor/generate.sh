#!/usr/bin/env bash
# Writes the benchmark's reactor: a parent POM and MODULES image modules (m01, m02, …), each a tiny service with
# two small dependencies, built and pushed by ecr-deploy in the package phase (see docs/performance.md).
#   src/bench/reactor/generate.sh DIR MODULES BASE_IMAGE EMULATOR_ENDPOINT PLUGIN_VERSION
set -euo pipefail
DIR=$1 MODULES=$2 BASE_IMAGE=$3 ENDPOINT=$4 PLUGIN_VERSION=$5
rm -rf "$DIR"
mkdir -p "$DIR"
modules=""
for i in $(seq -w 1 "$MODULES"); do
  m="m$i"
  modules="$modules    <module>$m</module>
"
  mkdir -p "$DIR/$m/src/main/java/bench/$m"
  cat > "$DIR/$m/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.example.reactor</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
  <artifactId>$m</artifactId>
  <dependencies>
    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId><version>3.17.0</version></dependency>
    <dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>2.13.1</version></dependency>
  </dependencies>
</project>
POM
  cat > "$DIR/$m/src/main/java/bench/$m/Main.java" <<JAVA
package bench.$m;

public final class Main {
  public static void main(String[] args) {
    System.out.println(org.apache.commons.lang3.StringUtils.capitalize("$m"));
  }
}
JAVA
done
cat > "$DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example.reactor</groupId>
  <artifactId>parent</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
  </properties>
  <modules>
$modules  </modules>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.ecrdeploy</groupId>
        <artifactId>ecr-deploy-maven-plugin</artifactId>
        <version>$PLUGIN_VERSION</version>
        <executions>
          <execution><id>image</id><goals><goal>build</goal><goal>push</goal></goals><phase>package</phase></execution>
        </executions>
        <configuration>
          <from>$BASE_IMAGE</from>
          <region>us-east-1</region>
          <endpoint>$ENDPOINT</endpoint>
          <repository>\${reactor.repositoryPrefix}/\${project.artifactId}</repository>
          <mainClass>bench.\${project.artifactId}.Main</mainClass>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
