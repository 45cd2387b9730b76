/// Media types RadVault records, guessed from a file name when the caller gives none.
public enum MediaType {
    /// A media type for a file name: NIfTI, CSV/TSV, JSON, YAML, GMT, else octet-stream.
    public static func guess(fileName: String) -> String {
        let lower = fileName.lowercased()
        let table: [(suffix: String, type: String)] = [
            (".nii.gz", "image/x-nifti+gzip"), (".nii", "image/x-nifti"), (".csv", "text/csv"),
            (".tsv", "text/tab-separated-values"), (".json", "application/json"), (".yaml", "application/yaml"),
            (".yml", "application/yaml"), (".gmt", "text/x-gmt"), (".txt", "text/plain"), (".html", "text/html"),
        ]
        return table.first { lower.hasSuffix($0.suffix) }?.type ?? "application/octet-stream"
    }
}
