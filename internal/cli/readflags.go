package cli

import (
	"github.com/selfdiag/selfdiag/internal/summary"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/answers"
	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/textnorm"
)

// addReadFlags adds the flags that say how answer files are read: the CSV
// encoding and the school profile for files that state none.
func addReadFlags(cmd *cobra.Command) {
	cmd.Flags().String("encoding", "", "кодировка CSV: "+answers.EncodingNames+" (по умолчанию определяется)")
	cmd.Flags().String("programs", "", "программы школ, в файлах которых их нет (таблица федерального сервиса): например «НОО, ООО, СОО»")
	cmd.Flags().String("ovz", "", "есть ли обучающиеся с ОВЗ у школ, в файлах которых этого нет: да или нет")
	cmd.Flags().String("corrective", "", "коррекционная ли школа, если в файле этого нет: да или нет")
}

// readOptions reads those flags (or settings) into answers.Options.
func (a *app) readOptions() (answers.Options, error) {
	o := answers.Options{Encoding: a.v.GetString("encoding")}
	if err := answers.CheckEncoding(o.Encoding); err != nil {
		return o, usagef("%v", err)
	}
	if v := strings.TrimSpace(a.v.GetString("programs")); v != "" {
		progs, bad := model.ParsePrograms(v)
		if len(bad) > 0 || len(progs) == 0 {
			return o, usagef("--programs %q: ожидался список из НОО, ООО, СОО через запятую, например «НОО, ООО»", v)
		}
		o.Profile.Programs = progs
	}
	for _, f := range []struct {
		key string
		dst **bool
	}{{"ovz", &o.Profile.OVZ}, {"corrective", &o.Profile.Corrective}} {
		v := strings.TrimSpace(a.v.GetString(f.key))
		if v == "" {
			continue
		}
		b, ok := textnorm.ParseBool(v)
		if !ok {
			return o, usagef("--%s %q: ожидалось «да» или «нет»", f.key, v)
		}
		*f.dst = &b
	}
	return o, nil
}

// addRunFlags adds the flags that name a self-diagnosis in its documents;
// year is for the commands that describe one self-diagnosis.
func addRunFlags(cmd *cobra.Command, year bool) {
	cmd.Flags().String("territory", "", "территория для документов: район, округ или регион")
	if year {
		cmd.Flags().String("year", "", "год самодиагностики для документов (по умолчанию — год, указанный в ответах большинства школ)")
	}
	cmd.Flags().String("date", "", "«по состоянию на» в документах, ДД.ММ.ГГГГ (по умолчанию — сегодня)")
}

// runInfo reads the flags of addRunFlags.
func (a *app) runInfo() (summary.RunInfo, error) {
	r, err := summary.NewRunInfo(a.v.GetString("territory"), a.v.GetString("year"), a.v.GetString("date"), time.Now())
	if err != nil {
		return r, usagef("--date %s", err)
	}
	return r, nil
}
