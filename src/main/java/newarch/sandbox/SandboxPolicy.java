package newarch.sandbox;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Permission;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.PropertyPermission;

/**
 * Who may do what inside the student JVM: the JDK and the library jar may do anything; classes compiled from
 * the student's cells (they have no code location) may only read properties, read the probe inputs and read
 * and write their own scratch directory. Everything else (files elsewhere, sockets, processes, exit, reflection
 * into private members, replacing System.out) is refused.
 */
final class SandboxPolicy extends Policy {
    private final Permissions student = new Permissions();

    SandboxPolicy(Path inputs, Path scratch) {
        student.add(new PropertyPermission("*", "read"));
        student.add(new FilePermission(inputs + "/-", "read"));
        student.add(new FilePermission(scratch.toString(), "read"));
        student.add(new FilePermission(scratch + "/-", "read,write,delete"));
        // The working directory is the scratch directory: relative paths are checked in their relative form.
        student.add(new FilePermission("-", "read,write,delete"));
        // javacpp instantiates (never installs) a SecurityManager to read the call stack.
        student.add(new RuntimePermission("createSecurityManager"));
        // ND4J and XChart read these while running code the student called.
        student.add(new RuntimePermission("accessDeclaredMembers"));
        student.add(new RuntimePermission("getenv.*"));
        student.add(new RuntimePermission("accessClassInPackage.sun.java2d"));
        student.add(new RuntimePermission("accessClassInPackage.sun.awt.image"));
        student.add(new FilePermission(System.getProperty("java.home") + "/-", "read"));
        student.setReadOnly();
    }

    @Override
    public boolean implies(ProtectionDomain domain, Permission permission) {
        if (trusted(domain)) {
            return true;
        }
        return student.implies(permission);
    }

    @Override
    public PermissionCollection getPermissions(CodeSource codesource) {
        return new Permissions();
    }

    /**
     * Code with a location (the JDK's modules, the library jar or, in tests, the class path) is trusted.
     * Classes compiled from cells have none, and student code cannot make a class loader to give itself one.
     */
    private static boolean trusted(ProtectionDomain domain) {
        if (domain == null) {
            return true; // the boot class path
        }
        CodeSource cs = domain.getCodeSource();
        return cs != null && cs.getLocation() != null;
    }
}
