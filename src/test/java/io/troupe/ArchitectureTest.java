package io.troupe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Dependencies point down", for the packages this tree has:
 *
 * <pre>
 * server
 * management
 * admin, connection, replication
 * acl
 * command, persistence
 * shard
 * type.*
 * keyspace
 * resp, config
 * </pre>
 *
 * A package imports only packages on floors below it; the data types, the
 * keyspace, the codec and the configuration import no Pekko (except the RESP
 * framing stage, which is a Pekko Streams stage); there are no cycles between
 * io.troupe's top-level packages. A new top-level package must be given its
 * floor here.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.troupe");
  }

  @Test
  void floors() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.troupe..")
        .layer("server").definedBy("io.troupe.server..")
        .layer("management").definedBy("io.troupe.management..")
        .layer("admin").definedBy("io.troupe.admin..")
        .layer("connection").definedBy("io.troupe.connection..")
        .layer("replication").definedBy("io.troupe.replication..")
        .layer("acl").definedBy("io.troupe.acl..")
        .layer("command").definedBy("io.troupe.command..")
        .layer("persistence").definedBy("io.troupe.persistence..")
        .layer("shard").definedBy("io.troupe.shard..")
        .layer("type").definedBy("io.troupe.type..")
        .layer("pubsub").definedBy("io.troupe.pubsub..")
        .layer("keyspace").definedBy("io.troupe.keyspace..")
        .layer("resp").definedBy("io.troupe.resp..")
        .layer("config").definedBy("io.troupe.config..")
        .whereLayer("server").mayNotBeAccessedByAnyLayer()
        .whereLayer("management").mayOnlyBeAccessedByLayers("server")
        .whereLayer("admin").mayOnlyBeAccessedByLayers("server", "management")
        .whereLayer("connection").mayOnlyBeAccessedByLayers("server", "management")
        .whereLayer("replication").mayOnlyBeAccessedByLayers("server", "management")
        .whereLayer("acl").mayOnlyBeAccessedByLayers("server", "management", "connection")
        .whereLayer("command").mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl",
            "replication")
        .whereLayer("persistence").mayOnlyBeAccessedByLayers("server", "management", "admin", "connection",
            "replication")
        .whereLayer("shard")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "persistence",
            "replication")
        .whereLayer("type")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "persistence",
            "shard")
        .whereLayer("pubsub")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "shard")
        .whereLayer("keyspace")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "persistence",
            "shard", "type", "pubsub", "replication")
        .whereLayer("resp")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "persistence",
            "shard", "type", "pubsub", "keyspace", "replication")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers("server", "management", "admin", "connection", "acl", "command", "persistence",
            "shard", "type", "pubsub", "keyspace", "replication")
        .check(classes);
  }

  @Test
  void everyTopLevelPackageHasAFloor() {
    noClasses().should().resideOutsideOfPackages("io.troupe.server..", "io.troupe.management..",
            "io.troupe.admin..", "io.troupe.connection..", "io.troupe.acl..", "io.troupe.command..",
            "io.troupe.shard..", "io.troupe.type..", "io.troupe.keyspace..", "io.troupe.resp..",
            "io.troupe.config..", "io.troupe.pubsub..", "io.troupe.persistence..", "io.troupe.replication..")
        .because("a new package must be placed on a floor in ArchitectureTest.floors()")
        .check(classes);
  }

  @Test
  void dataTypesKeyspaceCodecAndConfigDoNotUsePekko() {
    noClasses().that().resideInAnyPackage("io.troupe.keyspace..", "io.troupe.type..", "io.troupe.resp..",
            "io.troupe.config..", "io.troupe.pubsub..", "io.troupe.persistence.rdb..")
        .and().haveNameNotMatching("io\\.troupe\\.resp\\.RespFramingStage(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
        .because("type/ and keyspace/ are plain Java, testable without actors (DESIGN.md)")
        .check(classes);
  }

  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("io.troupe.(*)..").should().beFreeOfCycles().check(classes);
  }
}
