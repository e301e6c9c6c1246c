import PackagePlugin

/// Embeds the shipped default theme (themes/dark.toml) in the Themes module at build time,
/// as a generated Swift string constant: the file is the only source of the default look,
/// and a copied or installed binary still has it (no resource bundle to find at run time).
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    /// One command: EmbedText turns themes/dark.toml into `embeddedDefaultThemeSource`.
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "themes/dark.toml")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDefaultTheme.swift")
        return [
            .buildCommand(
                displayName: "Embedding themes/dark.toml in \(target.name)",
                executable: try context.tool(named: "EmbedText").url,
                arguments: [input.path(), output.path(), "embeddedDefaultThemeSource", "themes/dark.toml"],
                inputFiles: [input], outputFiles: [output])
        ]
    }
}
