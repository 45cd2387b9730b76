# Cross-check of bench/model_lasso_vs_sklearn.sh against R glmnet (apt-get install r-cran-glmnet):
# the same data, folds and λ grid, deviance CV, thresh 1e-12. Run after model_lasso_vs_sklearn.sh
# (which writes bench/out/lasso_data.csv and lasso_swift.json): Rscript bench/model_lasso_vs_glmnet.R
suppressMessages(library(glmnet)); library(jsonlite)
d <- read.csv("bench/out/lasso_data.csv")
s <- fromJSON("bench/out/lasso_swift.json")
x <- as.matrix(d[, -(1:3)]); y <- d$y; fold <- d$fold + 1
t0 <- Sys.time()
cv <- cv.glmnet(x, y, family="binomial", lambda=s$lambdas, foldid=fold, type.measure="deviance", thresh=1e-12, maxit=1e6)
cat("glmnet seconds", format(as.numeric(Sys.time()-t0)), "\n")
im <- which(cv$lambda == cv$lambda.min)
cat("glmnet index_min (1-based)", im, " swift index_min (0-based)", s$index_min, "\n")
cat("glmnet cvm around:", format(cv$cvm[(im-2):(im+2)], digits=10), "\n")
cat("swift  cvm around:", format(s$cvm[(s$index_min-1):(s$index_min+3)], digits=10), "\n")
b <- coef(cv, s="lambda.min"); sel <- rownames(b)[which(b[,1]!=0)]; sel <- setdiff(sel, "(Intercept)")
cat("glmnet selected", length(sel), " swift selected", length(s$selected), " common", length(intersect(sel, s$selected)), "\n")
