#if canImport(Glibc)
import Glibc
import CMalloc
#endif
import Paranom

/// Paranom's command line, as a library so that programs can embed it.
///
/// A program that defines callback variables embeds the whole command line with them
/// registered; its specs then name them with `{"callback": "NAME"}`:
///
/// ```swift
/// ParanomCLI.main(callbacks: [MarottaValve(), Flow()])
/// ```
public enum ParanomCLI {
    /// Runs the command line with the process's arguments and exits with its status.
    /// `callbacks` are the callback variables the program defines (`RowCallback`,
    /// `SequentialCallback`), registered under their names.
    public static func main(arguments: [String] = CommandLine.arguments, callbacks: [any VariableCallback] = []) -> Never {
        keepFreedMemory()
        exit(run(Array(arguments.dropFirst()), callbacks: callbacks))
    }

    /// A grow allocates and frees a segment's columns and file (megabytes) for every segment.
    /// By default glibc returns such blocks to the system at once and the next segment faults
    /// fresh, zeroed pages in again, which cost up to a fifth of a grow's time; kept in the
    /// process, they are reused. The process's memory stays at its peak (about 120 MB for a
    /// grow) until it exits.
    private static func keepFreedMemory() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }

    /// Runs one command line (without the program name) and returns its exit status.
    public static func run(_ arguments: [String], callbacks: [any VariableCallback] = []) -> Int32 {
        let registry: CallbackRegistry
        do {
            registry = try CallbackRegistry(callbacks)
        } catch {
            Terminal.err("paranom: error: \(error)\n")
            return error.exitCode
        }
        return run(arguments, registry: registry)
    }

    private static func run(_ arguments: [String], registry: CallbackRegistry) -> Int32 {
        guard let command = arguments.first else {
            Terminal.err(Help.main)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        if ["--help", "-h", "help"].contains(command) {
            if let topic = rest.first {
                guard let text = topic == "help" ? Help.main : Help.text(for: topic) else {
                    return usage("unknown command \"\(topic)\"", help: Help.main)
                }
                Terminal.out(text)
            } else {
                Terminal.out(Help.main)
            }
            return 0
        }
        if command == "--version" {
            Terminal.out("paranom \(Paranom.version) (algorithm \(Generator.algorithmVersion))\n")
            return 0
        }
        guard let help = Help.text(for: command) else {
            return usage("unknown command \"\(command)\"", help: Help.main)
        }
        if wantsHelp(rest) {
            Terminal.out(help)
            return 0
        }
        TestHooks.installFromEnvironment()
        do {
            switch command {
            case "init": try Commands.initDataset(rest, callbacks: registry)
            case "grow": try Commands.grow(rest, callbacks: registry)
            case "info": try Commands.info(rest)
            case "export": try Commands.export(rest)
            case "events": try Commands.events(rest)
            case "plot": try Commands.plot(rest)
            case "log": try Commands.log(rest)
            case "checkout": try Commands.checkout(rest)
            case "verify": try Commands.verify(rest)
            case "repair": try Commands.repair(rest)
            case "task": try Commands.task(rest, callbacks: registry)
            case "commit": try Commands.commit(rest)
            default: try Commands.spec(rest, callbacks: registry)
            }
            return 0
        } catch let error as UsageError {
            return usage(error.message, help: help, command: command)
        } catch let error as ParanomError {
            Terminal.err("paranom \(command): error: \(ErrorHints.describe(error))\n")
            return error.exitCode
        } catch {
            Terminal.err("paranom \(command): error: \(error)\n")
            return 1
        }
    }

    /// True when `--help` or `-h` stands as an argument of its own, not as an option's value.
    private static func wantsHelp(_ arguments: [String]) -> Bool {
        arguments.enumerated().contains { i, argument in
            ["--help", "-h"].contains(argument) && (i == 0 || !Commands.optionsTakingValues.contains(arguments[i - 1]))
        }
    }

    private static func usage(_ message: String, help: String, command: String? = nil) -> Int32 {
        let name = command.map { "paranom \($0)" } ?? "paranom"
        let usageLine = help.split(separator: "\n").first { $0.hasPrefix("usage:") }.map(String.init) ?? ""
        Terminal.err("\(name): error: \(message)\n\(usageLine)\nRun '\(name) --help' for more.\n")
        return 2
    }
}
