package newarch.train;

/** A learning rate for each optimisation step (counted from 1). */
@FunctionalInterface
public interface LearningRateSchedule {
    double rate(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }
}
