package parallellab.kernel.jshell;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of every class a cell defines before it is loaded:
 * <ul>
 *   <li>a call to {@link StopSignal#check()} at each method entry and before each backward jump, so an
 *       interrupt stops even a loop that never blocks;</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (calls and method
 *       references) become calls to {@link ExitGuard}, which throws instead.</li>
 * </ul>
 * Both edits keep the operand stack exactly as it was, so stack map frames stay valid and nothing is
 * recomputed. Only cell code is touched; the lib and its dependencies run unmodified.
 */
final class SnippetRewriter {

    private static final String STOP = Type.internal(StopSignal.class);
    private static final String GUARD = Type.internal(ExitGuard.class);
    /** A class file version this ASM surely reads (Java 25); newer files are read as if they were it. */
    private static final int MAX_MAJOR = 69;

    private SnippetRewriter() {}

    static byte[] rewrite(byte[] classFile) {
        int major = ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
        byte[] input = classFile;
        if (major > MAX_MAJOR) {
            // A newer JDK than this ASM knows: the rewrite uses no new instructions, so read it as the newest known.
            input = classFile.clone();
            input[6] = (byte) (MAX_MAJOR >> 8);
            input[7] = (byte) MAX_MAJOR;
        }
        ClassReader reader = new ClassReader(input);
        ClassWriter writer = new ClassWriter(reader, 0);
        int originalMajor = major;
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit((version & 0xffff0000) | originalMajor, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new GuardingMethodVisitor(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardingMethodVisitor extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        GuardingMethodVisitor(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String replacement = replacement(opcode == Opcodes.INVOKESTATIC, owner, name, descriptor);
            if (replacement != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, replacement, guardDescriptor(owner), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] args = arguments.clone();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Handle h) {
                    String replacement = replacement(h.getTag() == Opcodes.H_INVOKESTATIC, h.getOwner(), h.getName(), h.getDesc());
                    if (replacement != null) {
                        args[i] = new Handle(Opcodes.H_INVOKESTATIC, GUARD, replacement, guardDescriptor(h.getOwner()), false);
                    }
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
        }
    }

    /** The ExitGuard method replacing this call, or null to keep it. */
    static String replacement(boolean isStatic, String owner, String name, String descriptor) {
        if (!"(I)V".equals(descriptor)) {
            return null;
        }
        if (isStatic && owner.equals("java/lang/System") && name.equals("exit")) {
            return "systemExit";
        }
        if (!isStatic && owner.equals("java/lang/Runtime")) {
            return switch (name) {
                case "exit" -> "runtimeExit";
                case "halt" -> "runtimeHalt";
                default -> null;
            };
        }
        return null;
    }

    private static String guardDescriptor(String owner) {
        return owner.equals("java/lang/System") ? "(I)V" : "(Ljava/lang/Runtime;I)V";
    }

    private static final class Type {
        static String internal(Class<?> c) {
            return c.getName().replace('.', '/');
        }
    }
}
