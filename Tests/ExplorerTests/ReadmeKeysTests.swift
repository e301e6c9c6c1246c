import Foundation
import Testing

@testable import Explorer

/// The README's key table must list every key of the one binding table.
@Suite struct ReadmeKeysTests {
    @Test func readmeListsEveryBoundKey() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for binding in KeyBindings.all {
            for key in binding.keys {
                #expect(
                    readme.contains("`\(key.description)`"),
                    "README.md does not mention key `\(key.description)` (\(binding.action))")
            }
        }
    }
}
