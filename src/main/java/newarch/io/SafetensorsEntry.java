package newarch.io;

/** One tensor's header entry: its type, shape and byte range within the data buffer. */
record SafetensorsEntry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    long size() {
        return end - begin;
    }
}
