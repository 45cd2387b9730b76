/// The RadVaultCLI module (see DESIGN.md).
public enum RadVaultCLIModule { public static let name = "RadVaultCLI" }

/// Entry point called by the `radvault` executable.
public enum RadVaultCLIEntry {
    public static func main() {
        print("radvault \(RadVaultCLIModule.name)")
    }
}
