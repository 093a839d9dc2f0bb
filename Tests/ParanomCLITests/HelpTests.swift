import Foundation
import Testing
import Paranom
@testable import ParanomCLI

/// Help, version, and what the program does with no command or an unknown one.
@Suite struct HelpTests {
    /// The first line of each command's help, written out here rather than taken from
    /// Help.swift, so that an accidental edit there shows.
    static let firstLines: [String: String] = [
        "init": "usage: paranom init DS --spec FILE [--seed N]",
        "grow": "usage: paranom grow DS --to ROWS | --by ROWS [--threads N] [--message TEXT] [--wait]",
        "info": "usage: paranom info DS [--json]",
        "export": "usage: paranom export DS [--version V] [--rows A:B] [--columns a,b,...] [--out FILE] [--no-header] [--threads N]",
        "spec": "usage: paranom spec check FILE",
    ]

    @Test(arguments: [["--help"], ["-h"], ["help"]])
    func mainHelp(_ arguments: [String]) throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout == Help.main)
            #expect(result.stderr == "")
            #expect(result.lines.first == "paranom: generate labelled anomaly datasets and keep them as versioned, growing stores")
            #expect(result.stdout.contains("usage: paranom <command> [arguments]"))
        }
    }

    @Test(arguments: ["init", "grow", "info", "export", "spec"])
    func commandHelp(_ command: String) throws {
        try CLI.withWorkspace { ws in
            let expected = try #require(Help.text(for: command))
            for arguments in [["help", command], [command, "--help"], [command, "-h"]] {
                let result = try ws.run(arguments)
                #expect(result.status == 0, "\(result.summary)")
                #expect(result.stdout == expected, "paranom \(arguments.joined(separator: " "))")
                #expect(result.lines.first == Self.firstLines[command])
                #expect(result.stderr == "")
            }
        }
    }

    @Test func growHelpText() throws {
        try CLI.withWorkspace { ws in
            let viaHelp = try ws.succeed("help", "grow")
            let viaFlag = try ws.succeed("grow", "--help")
            #expect(viaHelp.stdout == Help.grow)
            #expect(viaFlag.stdout == Help.grow)
            #expect(viaHelp.lines.first == "usage: paranom grow DS --to ROWS | --by ROWS [--threads N] [--message TEXT] [--wait]")
            #expect(viaHelp.stdout.contains("  --to ROWS        grow to this many rows\n"))
        }
    }

    /// `--help` anywhere in a command's arguments shows the help and does nothing else.
    @Test func helpAmongArgumentsDoesNothing() throws {
        try CLI.withWorkspace { ws in
            let spec = try ws.spec("valve.json")
            let result = try ws.run("init", "d", "--spec", spec, "--help")
            #expect(result.status == 0)
            #expect(result.stdout == Help.initCommand)
            #expect(!ws.exists("d"))
        }
    }

    @Test func version() throws {
        try CLI.withWorkspace { ws in
            let result = try ws.succeed("--version")
            #expect(result.stdout == "paranom \(Paranom.version) (algorithm \(Generator.algorithmVersion))\n")
            #expect(result.stdout.wholeMatch(of: /paranom [0-9]+\.[0-9]+\.[0-9]+ \(algorithm [0-9]+\)\n/) != nil)
            #expect(result.stderr == "")
        }
    }

    @Test func noArgumentsPrintsUsage() throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run([])
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == Help.main)
            #expect(result.stderr.contains("usage: paranom <command> [arguments]"))
        }
    }

    @Test(arguments: [["frobnicate"], ["--frobnicate"], ["rollback", "d"], ["help", "frobnicate"]])
    func unknownCommand(_ arguments: [String]) throws {
        try CLI.withWorkspace { ws in
            let result = try ws.run(arguments)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            let name = arguments.last == "d" ? arguments[0] : arguments.last!
            #expect(result.stderr.hasPrefix("paranom: error: unknown command \"\(name)\"\n"), "\(result.summary)")
            #expect(result.stderr.contains("usage: paranom <command> [arguments]"))
        }
    }
}
