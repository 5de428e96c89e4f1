package newarch.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/** An indexed list of modules, named {@code 0}, {@code 1}, ... as in PyTorch's nn.ModuleList. */
public class ModuleList<M extends Module> extends Module implements Iterable<M> {
    private final List<M> items = new ArrayList<>();

    public ModuleList(int count, IntFunction<M> factory) {
        for (int i = 0; i < count; i++) {
            items.add(child(Integer.toString(i), factory.apply(i)));
        }
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return items.iterator();
    }
}
