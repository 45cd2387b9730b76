#!/usr/bin/env Rscript
# Peer for bench/wgcna_benchmark.sh: R's WGCNA, single-threaded.
#   Rscript bench/wgcna_peer.R generate OUT.csv   -> 10,000 genes x 200 samples, planted modules
#   Rscript bench/wgcna_peer.R run IN.csv POWER LABELS_OUT -> timings of adjacency, TOM, hclust, cutreeDynamic
args <- commandArgs(trailingOnly = TRUE)
if (args[1] == "generate") {
  set.seed(20260403)
  n <- 200; sizes <- rep(c(400, 300, 250, 200, 150), 4); nNoise <- 10000 - sum(sizes)
  cols <- list()
  for (m in seq_along(sizes)) {
    z <- rnorm(n); load <- runif(sizes[m], 0.4, 0.9)
    cols[[m]] <- outer(z, load) + sweep(matrix(rnorm(n * sizes[m]), n), 2, sqrt(1 - load^2), `*`)
  }
  x <- cbind(do.call(cbind, cols), matrix(rnorm(n * nNoise), n)) + 8
  x <- x[, sample(ncol(x))]
  colnames(x) <- sprintf("G%05d", seq_len(ncol(x))); rownames(x) <- sprintf("S%03d", seq_len(n))
  df <- data.frame(gene = colnames(x), t(x), check.names = FALSE)
  write.csv(df, args[2], row.names = FALSE, quote = FALSE)
  quit(save = "no")
}
suppressPackageStartupMessages(library(WGCNA))
disableWGCNAThreads()
df <- read.csv(args[2], check.names = FALSE)
x <- t(as.matrix(df[, -1])); colnames(x) <- df$gene
power <- as.numeric(args[3])
tm <- function(expr) { t0 <- proc.time()[["elapsed"]]; force(expr); proc.time()[["elapsed"]] - t0 }
tAdj <- tm(adj <- adjacency(x, power = power, type = "unsigned"))
tTOM <- tm(diss <- 1 - TOMsimilarity(adj, TOMType = "unsigned", verbose = 0))
rm(adj); invisible(gc())
tTree <- tm(tree <- hclust(as.dist(diss), method = "average"))  # fastcluster, as WGCNA attaches it
tCut <- tm(labels <- cutreeDynamic(tree, distM = diss, method = "hybrid", deepSplit = 2, minClusterSize = 20, verbose = 0))
writeLines(as.character(labels), args[4])
cat(sprintf("R_WGCNA_BENCH adjacency=%.3f tom=%.3f hclust=%.3f treecut=%.3f total=%.3f modules=%d\n",
            tAdj, tTOM, tTree, tCut, tAdj + tTOM + tTree + tCut, length(setdiff(unique(labels), 0))))
