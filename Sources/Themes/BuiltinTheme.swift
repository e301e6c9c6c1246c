/// The compiled-in default theme: an exact copy of themes/dark.toml (a test keeps them equal;
/// after editing the file, paste it here with one blank line before the closing delimiter),
/// so mdnx looks right even when no theme file can be found.
extension Theme {
    /// The text of themes/dark.toml.
    public static let builtinDefaultSource = #"""
        # mdnx theme: dark (the default). Every key is described in themes/README.md.
        # Copy this file to ~/.config/mdnx/themes/NAME.toml and edit it; run `mdnx --theme NAME`.
        name = "dark"
        description = "Light text on a near-black background; orange MSE curve, sky-blue MDN samples"

        [colors]
        background  = "#1c1c1c"
        text        = "#d0d0d0"
        dim_text    = "#8a8a8a"
        title       = "#ffffff"
        axis        = "#626262"
        truth       = "#808080"   # ground truth: neutral grey, so the two models stand out
        mse_curve   = "#ff8700"   # orange
        mdn_samples = "#5fd7ff"   # sky blue: tells apart from orange under every colour-vision deficiency
        reference   = "#d7afff"
        warning     = "#ff5f5f"
        accent      = "#ffd75f"

        [density]
        colormap = "viridis"      # or start/mid/end colours; level 0 is the faintest

        [components]
        colors = ["#56b4e9", "#e69f00", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#ffffff"]

        [loss]
        mse.train = "#ff8700"
        mse.val   = "#d7875f"
        mdn.train = "#5fd7ff"
        mdn.val   = "#5f87af"

        [status]
        fg = "#d0d0d0"
        bg = "#303030"

        [help]
        fg = "#e4e4e4"
        bg = "#262626"

        # Attributes with colour: "bold", "dim", "reverse"; [] for none.
        [attributes]
        title = ["bold"]
        mse_curve = ["bold"]
        warning = ["bold"]
        accent = ["bold"]

        # Attributes without colour (NO_COLOR, monochrome terminals): these alone tell roles apart.
        [mono]
        background = []
        text = []
        dim_text = ["dim"]
        title = ["bold"]
        axis = ["dim"]
        truth = ["dim"]
        mse_curve = ["bold"]
        mdn_samples = []
        reference = ["dim"]
        density = []
        components = []
        loss.mse.train = ["bold"]
        loss.mse.val = ["bold", "dim"]
        loss.mdn.train = []
        loss.mdn.val = ["dim"]
        status = ["reverse"]
        help = ["reverse"]
        warning = ["bold", "reverse"]
        accent = ["bold"]

        # 8-colour terminals (TERM=xterm): the nearest basic colour is used unless overridden here.
        [ansi8]
        truth = "white"
        mdn_samples = "cyan"
        mse_curve = "yellow"

        """#

    /// The dark theme, parsed from `builtinDefaultSource`.
    public static let builtinDefault: Theme = {
        do {
            return try ThemeParser.parse(
                builtinDefaultSource, name: "dark", file: "<built-in dark theme>", defaults: nil
            ).theme
        } catch {
            preconditionFailure("the built-in theme does not parse: \(error)")
        }
    }()
}
