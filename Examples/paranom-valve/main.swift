import Paranom
import ParanomCLI

// The whole paranom command line, with this program's callback variables registered: specs
// such as Fixtures/specs/marotta.json name them with {"callback": "marotta"}.
ParanomCLI.main(callbacks: [MarottaValve(), ValveFlow()])
