#include "core/stitch/logistic_head.h"

#include "core/linalg/fixed_order_sum.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace lb {

double logisticObjective(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels, Index numClasses,
                         double lambda, const Eigen::VectorXd& theta, Eigen::VectorXd& grad) {
    const Index n = X.rows(), d = X.cols(), c = numClasses;
    const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> W(theta.data(), c,
                                                                                                     d);
    const Eigen::Map<const Eigen::VectorXd> b(theta.data() + c * d, c);
    // Scores in float (GEMM speed); the softmax, loss and residuals in double.
    const Eigen::MatrixXf Wf = W.cast<float>();
    RowMatrixXd P = (X * Wf.transpose()).cast<double>();
    P.rowwise() += b.transpose();
    // The loss in a fixed order (fixed_order_sum.h): the fit then takes the same steps on any thread count.
    const double loss = fixedOrderSum(n, [&](Index i) {
        const double mx = P.row(i).maxCoeff();
        P.row(i).array() = (P.row(i).array() - mx).exp();
        const double z = P.row(i).sum();
        const int32_t y = labels[static_cast<size_t>(i)];
        const double term = std::log(z) - std::log(std::max(P(i, y), 1e-300));
        P.row(i) /= z;
        P(i, y) -= 1.0;  // P − Y: the residual the gradient needs
        return term;
    });
    const double invN = 1.0 / static_cast<double>(n);
    grad.resize(theta.size());
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> gW(grad.data(), c, d);
    gW = (P.cast<float>().transpose() * X).cast<double>() * invN + lambda * W;
    grad.tail(c) = P.colwise().sum().transpose() * invN;
    return loss * invN + 0.5 * lambda * W.squaredNorm();
}

namespace {

// Two-loop recursion: direction = −H·g from the stored (s, y) pairs, newest last.
Eigen::VectorXd lbfgsDirection(const Eigen::VectorXd& g, const std::deque<Eigen::VectorXd>& S,
                               const std::deque<Eigen::VectorXd>& Y) {
    Eigen::VectorXd q = g;
    std::vector<double> alpha(S.size());
    for (size_t j = S.size(); j-- > 0;) {
        alpha[j] = S[j].dot(q) / Y[j].dot(S[j]);
        q -= alpha[j] * Y[j];
    }
    if (!S.empty()) q *= S.back().dot(Y.back()) / Y.back().squaredNorm();  // initial Hessian scaling
    for (size_t j = 0; j < S.size(); ++j) {
        const double beta = Y[j].dot(q) / Y[j].dot(S[j]);
        q += (alpha[j] - beta) * S[j];
    }
    return -q;
}

}  // namespace

Result<LogisticFit> fitLogisticHead(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                                    const LogisticOptions& options, JobContext& ctx) {
    Result<int> classes = checkTrainingLabels(X.rows(), labels, options.numClasses);
    if (!classes) return classes.error();
    if (options.lambda < 0) return invalidArgument("logistic lambda must be >= 0");
    if (!isAllFinite(X)) return Error{ErrorCode::NumericalIssue, "logistic head: input contains NaN or Inf", {}, {}};
    const Index c = *classes, d = X.cols();
    const auto objective = [&](const Eigen::VectorXd& t, Eigen::VectorXd& g) {
        return logisticObjective(X, labels, c, options.lambda, t, g);
    };

    Eigen::VectorXd theta = Eigen::VectorXd::Zero(c * (d + 1)), grad, newGrad;
    double f = objective(theta, grad);
    const double tol = options.gradientTolerance * std::max(1.0, grad.lpNorm<Eigen::Infinity>());
    std::deque<Eigen::VectorXd> S, Y;
    LogisticFit fit;
    ctx.setStage("logistic head", static_cast<uint64_t>(options.maxIterations));
    for (; fit.iterations < options.maxIterations; ++fit.iterations) {
        if (grad.lpNorm<Eigen::Infinity>() <= tol) {
            fit.converged = true;
            break;
        }
        if (ctx.cancelled()) return Status::cancelled();
        Eigen::VectorXd dir = lbfgsDirection(grad, S, Y);
        double slope = grad.dot(dir);
        if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
            S.clear(), Y.clear();
            dir = -grad;
            slope = -grad.squaredNorm();
        }
        double step = S.empty() ? 1.0 / std::max(1.0, grad.norm()) : 1.0;
        Eigen::VectorXd next;
        double fNext = f;
        bool accepted = false;
        for (int tries = 0; tries < 40 && !accepted; ++tries, step *= 0.5) {
            next = theta + step * dir;
            fNext = objective(next, newGrad);
            accepted = std::isfinite(fNext) && fNext <= f + 1e-4 * step * slope;
        }
        if (!accepted) break;  // no decrease possible at float precision: we are at the optimum's noise floor
        Eigen::VectorXd s = next - theta, yv = newGrad - grad;
        if (s.dot(yv) > 1e-12 * yv.squaredNorm()) {
            S.push_back(std::move(s)), Y.push_back(std::move(yv));
            if (static_cast<int>(S.size()) > options.memory) S.pop_front(), Y.pop_front();
        }
        theta.swap(next);
        grad.swap(newGrad);
        f = fNext;
        ctx.advance(1);
    }
    if (!std::isfinite(f)) return Error{ErrorCode::NumericalIssue, "logistic head: objective is not finite", {}, {}};
    fit.converged = fit.converged || grad.lpNorm<Eigen::Infinity>() <= tol;
    fit.loss = f;
    fit.gradientNorm = grad.lpNorm<Eigen::Infinity>();
    fit.head.W = Eigen::Map<const RowMatrixXd>(theta.data(), c, d).cast<float>();
    fit.head.b = theta.tail(c).cast<float>();
    return fit;
}

}  // namespace lb
